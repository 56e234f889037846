/// Vietnamese text rules: input normalisation, folded search keys, token matching, collation.
public enum VietText {}
