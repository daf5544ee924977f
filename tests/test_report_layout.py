# Filled by the report-layout work.
