from . import xlsx_base
from . import member_list_xlsx
