"""The method: the records, the step catalogue, the cycle, the method checks, growth language and the rules about cases."""
