"""The outbox's storage side: claims, receipts and what LAPOR! says back."""
