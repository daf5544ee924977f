"""What the meeting form reads (web_read specification), shared by the query-count test and
the benchmark so that both measure the same thing."""

FORM_SPEC = {
    "name": {}, "state": {}, "organization_id": {"fields": {"display_name": {}}},
    "meeting_type": {}, "date_start": {}, "date_end": {}, "duration": {}, "min_duration": {},
    "chair_id": {"fields": {"display_name": {}}},
    "minute_taker_id": {"fields": {"display_name": {}}},
    "summoned_count": {}, "present_count": {}, "excused_count": {}, "unexcused_count": {},
    "attendance_rate": {}, "speaker_count": {}, "speaking_turns": {}, "speaking_rate": {},
    "vote_total": {}, "vote_for": {}, "vote_display": {}, "task_count": {},
    "score": {}, "rating": {}, "ballot_count": {}, "conclusion": {}, "resolution": {},
    "attendance_ids": {"fields": {
        "member_id": {"fields": {"display_name": {}}}, "member_state": {}, "status": {},
        "reason": {}, "speaking_turns": {}, "opinion": {},
    }},
}
