from . import party_member_create_wizard
from . import party_member_state_wizard
from . import party_meeting_correction_wizard
from . import party_meeting_cancel_wizard
from . import party_visit_generate_wizard
from . import party_pilot_rollout_wizard
from . import party_report_wizard
from . import party_topic_volume_wizard
