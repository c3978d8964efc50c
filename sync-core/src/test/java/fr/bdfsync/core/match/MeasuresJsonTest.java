package fr.bdfsync.core.match;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MeasuresJsonTest {
    @Test
    void keysSortedAndOneTextPerLinkInTheLinksOrder() {
        Map<String, Double> m = new HashMap<>();
        m.put("overlap_local", 0.25);
        m.put("hausdorff_m", 1.5);
        m.put("area_ratio", 1.0E-7);
        assertEquals("{\"area_ratio\":1.0E-7,\"hausdorff_m\":1.5,\"overlap_local\":0.25}", MeasuresJson.of(m));
        assertEquals("{}", MeasuresJson.of(Map.of()));
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            links.add(new Link(i, i, "K" + i, Cardinality.ONE_TO_ONE, 0.9, "polygon.same", LinkStatus.SURE, "L" + i, "",
                    Map.of("hausdorff_m", (double) i, "iou", i / 1000.0)));
        }
        List<String> json = MeasuresJson.of(links);
        assertEquals(500, json.size());
        for (int i = 0; i < 500; i++) assertEquals(MeasuresJson.of(links.get(i).measures()), json.get(i));
        assertEquals("{\"hausdorff_m\":7.0,\"iou\":0.007}", json.get(7));
    }
}
