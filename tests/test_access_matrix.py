# Placeholder: filled by the proof-by-real-clients work.
