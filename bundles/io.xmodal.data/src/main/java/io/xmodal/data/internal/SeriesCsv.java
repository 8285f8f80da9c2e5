package io.xmodal.data.internal;

import io.xmodal.api.data.DataException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV of image names and series: one row per image, column 1 the image path, then the values.
 * Columns are separated by commas (tabs when the first line has tabs and no comma); fields may be
 * double-quoted; blank lines and trailing separators are ignored. The first row is a header when any
 * of its value columns is not a number. Every data row must have as many values as the first one.
 */
final class SeriesCsv {
    /** One data row. */
    record Row(int line, String name, float[] values) {
    }

    private SeriesCsv() {
    }

    static List<Row> read(Path csv) throws DataException {
        if (!Files.isRegularFile(csv)) {
            throw new DataException(csv, Files.exists(csv) ? "is not a file; give the CSV of series"
                    : "file not found; give a CSV with one row per image: the image file name, then the series values");
        }
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            char sep = 0;
            int expected = -1;
            boolean first = true;
            while ((text = in.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                if (sep == 0) {
                    sep = text.indexOf(',') < 0 && text.indexOf('\t') >= 0 ? '\t' : ',';
                }
                List<String> cells = split(text, sep);
                while (cells.size() > 1 && cells.get(cells.size() - 1).isEmpty()) {
                    cells.remove(cells.size() - 1); // a trailing separator
                }
                boolean header = first && isHeader(cells);
                first = false;
                if (header) {
                    continue;
                }
                String name = cells.get(0);
                if (name.isEmpty()) {
                    throw new CsvException(csv, line, "column 1 is empty; it must name the image file");
                }
                if (cells.size() < 2) {
                    throw new CsvException(csv, line, "no values after '" + name
                            + "'; each row is the image file name, then the series values, separated by commas");
                }
                float[] values = new float[cells.size() - 1];
                for (int c = 1; c < cells.size(); c++) {
                    values[c - 1] = number(csv, line, c + 1, cells.get(c));
                }
                if (expected < 0) {
                    expected = values.length;
                } else if (values.length != expected) {
                    throw new CsvException(csv, line, values.length + " values, expected " + expected
                            + " like the first row (line " + rows.get(0).line() + "); every series must have the same length");
                }
                rows.add(new Row(line, name, values));
            }
        } catch (IOException e) {
            throw new DataException(csv, "cannot be read (" + e.getMessage() + ")", e);
        }
        if (rows.isEmpty()) {
            throw new DataException(csv, "no data rows; write one row per image: the image file name, then the series values");
        }
        return rows;
    }

    private static boolean isHeader(List<String> cells) {
        for (int c = 1; c < cells.size(); c++) {
            if (parse(cells.get(c)) == null) {
                return true;
            }
        }
        return false;
    }

    private static float number(Path csv, int line, int column, String cell) throws DataException {
        Double v = parse(cell);
        if (v == null) {
            throw new CsvException(csv, line, "column " + column + " '" + cell
                    + "' is not a number; write plain decimal numbers such as 0.25 or -1.5e-3");
        }
        if (!Double.isFinite(v)) {
            throw new CsvException(csv, line, "column " + column + " '" + cell + "' is not a finite number");
        }
        return v.floatValue();
    }

    /** The cell as a number, or null; NaN and infinities parse (and are refused by the caller). */
    private static Double parse(String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(cell);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Splits one line on {@code sep}, honouring double quotes ("" inside quotes is one quote); cells trimmed. */
    static List<String> split(String text, char sep) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == sep) {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }
}
