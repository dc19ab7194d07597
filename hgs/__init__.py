"""HGS: run a handelingsgericht multidisciplinair overleg (MDO) and follow its goals."""
