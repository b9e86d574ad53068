"""The lessons' verdicts: each claim checked on the files of the runs that tested it."""
