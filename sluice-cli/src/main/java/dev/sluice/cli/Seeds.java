package dev.sluice.cli;

import java.util.ArrayList;
import java.util.List;

/** Parses seed lists such as {@code 42-51} or {@code 1,5,9} or {@code 42-44,60}. */
final class Seeds {
  private Seeds() {
  }

  static List<Long> parse(String text) throws UserInputException {
    var seeds = new ArrayList<Long>();
    for (var part : text.split(",")) {
      var range = part.trim().split("-", -1);
      try {
        if (range.length == 1) {
          seeds.add(Long.parseLong(range[0].trim()));
        } else if (range.length == 2) {
          long from = Long.parseLong(range[0].trim());
          long to = Long.parseLong(range[1].trim());
          if (to < from || to - from > 10_000) throw new UserInputException("--seeds: bad range '" + part + "'");
          for (long s = from; s <= to; s++) seeds.add(s);
        } else {
          throw new UserInputException("--seeds: bad range '" + part + "'");
        }
      } catch (NumberFormatException e) {
        throw new UserInputException("--seeds: '" + part.trim() + "' is not a seed or a range like 42-51");
      }
    }
    if (seeds.isEmpty()) throw new UserInputException("--seeds: no seeds given");
    return List.copyOf(seeds);
  }
}
