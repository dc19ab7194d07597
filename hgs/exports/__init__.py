"""What leaves HGS as a file: the verslag, the invitation, the case archive."""
