package io.palisade.simulator.traffic.scenario;

/** Writes one kind of mail. */
interface MailScenario {

    Draft write(ScenarioContext context);
}
