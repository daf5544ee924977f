# Placeholder: filled by the reporting work.
