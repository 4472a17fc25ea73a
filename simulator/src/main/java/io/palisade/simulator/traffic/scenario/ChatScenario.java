package io.palisade.simulator.traffic.scenario;

import io.palisade.simulator.traffic.ChatPost;

/** Writes one kind of Teams chat message with a file. */
interface ChatScenario {

    ChatPost write(ScenarioContext context);
}
