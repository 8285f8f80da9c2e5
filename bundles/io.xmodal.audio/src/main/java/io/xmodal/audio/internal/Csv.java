package io.xmodal.audio.internal;

import io.xmodal.api.data.DataException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One CSV line (RFC 4180: commas, double quotes, doubled quotes inside quotes). */
final class Csv {
    private Csv() {
    }

    static List<String> split(String line, Path file, int lineNo) throws DataException {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new DataException(file, "line " + lineNo + ": a quoted value is not closed");
        }
        out.add(cell.toString());
        return out;
    }

    /** A cell quoted when it must be. */
    static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
