"""Document loaders for the formats vendors send (Word, PDF, ZIP, transcripts), each a plugin."""
