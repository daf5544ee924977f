from . import party_cluster
from . import party_organization
from . import party_member
from . import party_member_transfer
from . import party_discipline
from . import hr_department
from . import hr_employee
from . import res_users
