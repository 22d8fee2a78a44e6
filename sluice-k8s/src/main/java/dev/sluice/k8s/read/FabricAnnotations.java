package dev.sluice.k8s.read;

import dev.sluice.core.model.FabricRequest;
import dev.sluice.core.model.Locality;
import dev.sluice.core.model.NicBandwidth;
import dev.sluice.core.model.NicDevice;
import dev.sluice.k8s.Keys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fabric as annotations say it, in the shape of a DRA device list written by an operator or a node agent.
 * On a node, {@value Keys#NICS} lists its NICs, {@code ;}-separated, each {@code NAME=BANDWIDTH} followed by
 * {@code ,}-separated attributes in any order: {@code rdma}, a PCIe root {@code pciDDDD:BB} and a NUMA node
 * {@code numaN} (e.g. {@code mlx5_0=200G,rdma,pci0000:17,numa0;eth0=25G}); {@value Keys#GPU_LOCALITY} says where
 * each GPU sits, {@code INDEX=pciDDDD:BB,numaN;...}. On a pod, {@value Keys#NIC_BANDWIDTH} asks bandwidth
 * ({@code 25G}, {@link NicBandwidth}) and {@value Keys#RDMA} {@code "true"} asks for an RDMA NIC.
 */
public final class FabricAnnotations {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,62}");
  private static final Pattern PCI_ROOT = Pattern.compile("pci[0-9a-f]{4,8}:[0-9a-f]{2}");
  private static final Pattern NUMA = Pattern.compile("numa(\\d{1,4})");
  private static final int MAX_ENTRIES = 256;

  private FabricAnnotations() {
  }

  /** What a pod's annotations ask of the fabric, or what is wrong with them. */
  public static Parsed<FabricRequest> request(Map<String, String> annotations) {
    long mbps = 0;
    var bandwidth = annotations.get(Keys.NIC_BANDWIDTH);
    if (bandwidth != null) {
      try {
        mbps = NicBandwidth.parseMbps(bandwidth);
      } catch (IllegalArgumentException e) {
        return invalid(Keys.NIC_BANDWIDTH, e.getMessage());
      }
    }
    var rdma = annotations.get(Keys.RDMA);
    if (rdma != null && !rdma.equals("true") && !rdma.equals("false")) {
      return invalid(Keys.RDMA, "must be \"true\" or \"false\", was '" + shown(rdma) + "'");
    }
    boolean needsRdma = "true".equals(rdma);
    return new Parsed.Ok<>(mbps == 0 && !needsRdma ? FabricRequest.NONE : FabricRequest.nic(mbps, needsRdma));
  }

  /** The NICs a node's {@value Keys#NICS} annotation lists (none without one), or what is wrong with it. */
  public static Parsed<List<NicDevice>> nics(Map<String, String> annotations) {
    var text = annotations.get(Keys.NICS);
    if (text == null || text.isBlank()) return new Parsed.Ok<>(List.of());
    var nics = new ArrayList<NicDevice>();
    var names = new HashSet<String>();
    var entries = text.split(";", -1);
    if (entries.length > MAX_ENTRIES) return invalid(Keys.NICS, "at most " + MAX_ENTRIES + " NICs");
    for (var entry : entries) {
      var parts = entry.strip().split("=", 2);
      if (parts.length != 2 || !NAME.matcher(parts[0].strip()).matches()) {
        return invalid(Keys.NICS, "'" + shown(entry) + "' is not NAME=BANDWIDTH[,rdma][,pciDDDD:BB][,numaN]");
      }
      var name = parts[0].strip();
      if (!names.add(name)) return invalid(Keys.NICS, "NIC " + name + " is listed twice");
      var attributes = parts[1].split(",", -1);
      long mbps;
      try {
        mbps = NicBandwidth.parseMbps(attributes[0]);
      } catch (IllegalArgumentException e) {
        return invalid(Keys.NICS, "NIC " + name + ": " + e.getMessage());
      }
      var rest = new ArrayList<>(List.of(attributes).subList(1, attributes.length));
      boolean rdma = rest.removeIf(a -> a.strip().equals("rdma"));
      var locality = locality(rest);
      if (locality instanceof Parsed.Invalid<Locality> bad) return invalid(Keys.NICS, "NIC " + name + ": " + bad.message());
      nics.add(new NicDevice(name, mbps, rdma, ((Parsed.Ok<Locality>) locality).value(), Set.of()));
    }
    return new Parsed.Ok<>(nics);
  }

  /** Where each GPU sits by index, from a node's {@value Keys#GPU_LOCALITY} annotation, or what is wrong with it. */
  public static Parsed<Map<Integer, Locality>> gpuLocalities(Map<String, String> annotations, long gpuCount) {
    var text = annotations.get(Keys.GPU_LOCALITY);
    if (text == null || text.isBlank()) return new Parsed.Ok<>(Map.of());
    var byIndex = new HashMap<Integer, Locality>();
    for (var entry : text.split(";", -1)) {
      var parts = entry.strip().split("=", 2);
      int index = parts.length == 2 && parts[0].strip().matches("\\d{1,4}") ? Integer.parseInt(parts[0].strip()) : -1;
      if (index < 0 || index >= gpuCount || byIndex.containsKey(index)) {
        return invalid(Keys.GPU_LOCALITY, "'" + shown(entry) + "' is not INDEX=[pciDDDD:BB][,numaN] for a GPU index 0.."
            + (gpuCount - 1) + " listed once");
      }
      var locality = locality(List.of(parts[1].split(",", -1)));
      if (locality instanceof Parsed.Invalid<Locality> bad) return invalid(Keys.GPU_LOCALITY, "GPU " + index + ": " + bad.message());
      byIndex.put(index, ((Parsed.Ok<Locality>) locality).value());
    }
    return new Parsed.Ok<>(byIndex);
  }

  /** A PCIe root and a NUMA node, each at most once, from {@code attributes}. */
  private static Parsed<Locality> locality(List<String> attributes) {
    String root = "";
    int numa = -1;
    for (var raw : attributes) {
      var attribute = raw.strip();
      var numaMatch = NUMA.matcher(attribute);
      if (PCI_ROOT.matcher(attribute).matches() && root.isEmpty()) {
        root = attribute;
      } else if (numaMatch.matches() && numa < 0) {
        numa = Integer.parseInt(numaMatch.group(1));
      } else {
        return new Parsed.Invalid<>("", "'" + shown(attribute) + "' is not rdma, a PCIe root (pci0000:17) or a NUMA node"
            + " (numa0), or says one twice");
      }
    }
    return new Parsed.Ok<>(new Locality(root, numa));
  }

  private static <T> Parsed<T> invalid(String annotation, String message) {
    return new Parsed.Invalid<>("metadata.annotations[" + annotation + "]", message);
  }

  private static String shown(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
