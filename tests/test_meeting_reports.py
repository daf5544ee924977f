# Filled by the meeting documents work.
