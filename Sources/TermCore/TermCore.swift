/// Cells, styles and grids for immediate-mode rendering.
public enum TermCore {}
