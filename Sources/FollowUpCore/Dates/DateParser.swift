/// Reads days and deadlines written the ways Vietnamese documents write them.
public enum DateParser {}
