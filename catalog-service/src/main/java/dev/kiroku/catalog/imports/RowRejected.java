package dev.kiroku.catalog.imports;

/** A dataset row that cannot be imported; the message names the column and the reason. */
public class RowRejected extends Exception {
  public RowRejected(String reason) {
    super(reason, null, false, false);
  }
}
