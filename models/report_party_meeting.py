from odoo import models
