from . import test_organization
from . import test_member
from . import test_member_wizards
from . import test_security
from . import test_report_layout
from . import test_meeting
from . import test_meeting_queries
from . import test_meeting_cron
