-- Issue 7 (V7: V6 is loop_state_write_ids): recovery's run-time switches outlive a restart (io.homeostat.engine.port.RecoverySwitchStore).
-- One row per switch as a person last set it: the kill switch, the automation mode, or recovery of
-- one service, one action or one risk level turned on or off. The server applies every row to its
-- RecoveryFlags at start, before the loop's first tick. Each change is also in audit_record.
CREATE TABLE recovery_switch (
    kind        VARCHAR(20)   NOT NULL CHECK (kind IN ('kill_switch', 'mode', 'service', 'action', 'risk')),
    -- '' for the kill switch and the mode; the service, the action or the risk level otherwise
    target      VARCHAR(200)  NOT NULL,
    -- kill switch: on (recovery stopped); service, action, risk: recovery allowed; false for mode
    enabled     BOOLEAN       NOT NULL,
    -- the automation mode for kind 'mode'; 'full' for the others
    mode        VARCHAR(20)   NOT NULL CHECK (mode IN ('shadow', 'monitor', 'limited', 'full')),
    actor       VARCHAR(200)  NOT NULL,
    reason      VARCHAR(2000) NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kind, target)
);
