"""The clinic's records: plans, assignments, therapists, PINs, locks, the audit and settings."""
