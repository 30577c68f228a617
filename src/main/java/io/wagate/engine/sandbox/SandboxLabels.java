package io.wagate.engine.sandbox;

import io.wagate.engine.EngineEvent;
import io.wagate.engine.EngineException;
import io.wagate.engine.LabelOperations;
import io.wagate.ids.ChatId;
import java.util.function.BooleanSupplier;

/**
 * Labels of a sandbox account: a WhatsApp Business account when its session's {@code config.business} is true,
 * as WhatsApp has labels for business accounts only. The account has one device here, so each change comes back
 * to it as the app-state sync would tell every device.
 */
final class SandboxLabels implements LabelOperations {
    private final SandboxSession session;
    private final BooleanSupplier business;

    SandboxLabels(SandboxSession session, BooleanSupplier business) {
        this.session = session;
        this.business = business;
    }

    @Override
    public void upsert(EngineEvent.Label label) {
        emit(new EngineEvent.LabelUpserted(label));
    }

    @Override
    public void delete(EngineEvent.Label label) {
        emit(new EngineEvent.LabelDeleted(label));
    }

    @Override
    public void labelChat(ChatId chatId, String labelId, boolean added) {
        emit(new EngineEvent.LabelChat(labelId, chatId, added));
    }

    private void emit(EngineEvent event) {
        session.whileWorking(me -> {
            if (!business.getAsBoolean()) {
                throw new EngineException(EngineException.Reason.REFUSED,
                        "labels are for WhatsApp Business accounts only (a sandbox session is one when created with "
                                + "config.business: true)");
            }
            session.emit(event);
            return null;
        });
    }
}
