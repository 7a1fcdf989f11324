"""The reporter's replies to LAPOR!: recorded offline at the office, sent through the outbox."""
