from . import xlsx_base
from . import member_list_xlsx
from . import visit_plan_xlsx
from . import compliance_xlsx
from . import quality_summary_xlsx
from . import task_list_xlsx
