"""Pure functions: documents and records in, facts, frames, GAS and figures out."""
