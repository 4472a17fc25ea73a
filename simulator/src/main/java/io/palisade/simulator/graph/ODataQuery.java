package io.palisade.simulator.graph;

import io.palisade.simulator.server.Request;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The OData system query options of one request: {@code $top}, {@code $skip}, {@code $select},
 * {@code $filter} (compiled by {@link MessageFilter}) and {@code $skiptoken}. The {@code Prefer:
 * odata.maxpagesize} header sets the page size too.
 *
 * @param select property names asked for, or empty for all
 * @param filter the raw $filter text, or null
 * @param skipToken the raw $skiptoken, or null
 */
record ODataQuery(int top, int skip, Set<String> select, String filter, String skipToken) {

    /** Reads the options, with {@code defaultTop} and {@code maxTop} for this collection. */
    static ODataQuery of(Request request, int defaultTop, int maxTop) {
        int top = defaultTop;
        String preferred = request.header("Prefer");
        if (preferred != null && preferred.contains("odata.maxpagesize=")) {
            top = number(preferred.replaceAll(".*odata\\.maxpagesize=(\\d+).*", "$1"), "Prefer odata.maxpagesize");
        }
        String topText = request.query("$top");
        if (topText != null) {
            top = number(topText, "$top");
        }
        if (top < 1) {
            throw GraphErrors.badRequest("Invalid value for $top: " + top);
        }
        String skipText = request.query("$skip");
        int skip = skipText == null ? 0 : number(skipText, "$skip");
        Set<String> select = new LinkedHashSet<>();
        String selectText = request.query("$select");
        if (selectText != null) {
            for (String name : selectText.split(",")) {
                if (!name.isBlank()) {
                    select.add(name.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return new ODataQuery(
                Math.min(top, maxTop), skip, select, request.query("$filter"), request.query("$skiptoken"));
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw GraphErrors.badRequest("Invalid value for " + option + ": '" + text + "'");
        }
    }

    /** True when the property should be written: nothing selected, or this one selected. */
    boolean wants(String property) {
        return select.isEmpty() || select.contains(property.toLowerCase(Locale.ROOT));
    }
}
