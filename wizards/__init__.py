from . import party_member_create_wizard
from . import party_member_state_wizard
