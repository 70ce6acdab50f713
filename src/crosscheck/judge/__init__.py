"""The judge: agree, conflict (naming the slot) or related, for each aligned pair."""
