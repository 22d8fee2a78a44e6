package dev.sluice.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventQueueTest {
  @Test
  void eventsComeByTimeThenByTheOrderTheyWereAdded() {
    var queue = new EventQueue();
    queue.add(5, Event.Kind.DEPARTURE, 1, 0);
    queue.add(3, Event.Kind.ARRIVAL, 2, 0);
    queue.add(5, Event.Kind.ARRIVAL, 3, 0);
    queue.add(3, Event.Kind.DEPARTURE, 4, 0);

    var first = queue.nextBatch();
    var second = queue.nextBatch();

    assertThat(first).extracting(Event::pod).containsExactly(2, 4);
    assertThat(first).extracting(Event::time).containsOnly(3L);
    assertThat(second).extracting(Event::pod).containsExactly(1, 3);
    assertThat(second).extracting(Event::kind).containsExactly(Event.Kind.DEPARTURE, Event.Kind.ARRIVAL);
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  void serialsGrowWithEveryEvent() {
    var queue = new EventQueue();
    var a = queue.add(10, Event.Kind.ARRIVAL, 0, 0);
    var b = queue.add(1, Event.Kind.ARRIVAL, 1, 0);

    assertThat(b.serial()).isGreaterThan(a.serial());
    assertThat(Event.ORDER.compare(b, a)).isNegative();
  }

  @Test
  void anEmptyQueueHasNoBatch() {
    assertThatThrownBy(() -> new EventQueue().nextBatch()).isInstanceOf(IllegalStateException.class);
  }
}
