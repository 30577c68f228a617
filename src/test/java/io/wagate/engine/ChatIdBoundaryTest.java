package io.wagate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Chats cross the engine SPI as {@link io.wagate.ids.ChatId} only, so an id nobody normalized cannot reach an
 * engine, and an engine cannot hand the services one: every record the SPI carries (messages, keys, events,
 * groups, channels, reached from the SPI's types) and every SPI method is read for a chat id held in a String.
 */
class ChatIdBoundaryTest {
    /** Names that always hold a chat (a person, group or channel). */
    private static final Set<String> CHAT_NAMES = Set.of("chatId", "groupId", "channelId", "from", "to",
            "participant", "participants", "reader", "owner", "lid", "fromLid", "toLid", "mentions");
    /** Records whose {@code id} is a chat (elsewhere {@code id} is a message's, a call's or a label's). */
    private static final Set<Class<?>> ID_IS_A_CHAT = Set.of(GroupInfo.class, GroupInfo.Participant.class,
            ChannelInfo.class, Me.class, GroupOperations.ParticipantResult.class);
    private static final List<Class<?>> SPI = List.of(EngineSession.class, GroupOperations.class,
            ChannelOperations.class, NetworkSimulator.class, EngineListener.class);

    @Test
    void noRecordTheSpiCarriesHoldsAChatIdAsAString() {
        var records = reachableRecords();
        assertThat(records).as("the walk finds the SPI's records").contains(MessageKey.class,
                OutgoingMessage.Text.class, EngineEvent.MessageAcked.class, EngineMessage.class, GroupInfo.class);

        var stringly = new ArrayList<String>();
        for (var type : records) {
            for (var component : type.getRecordComponents()) {
                if (holdsAChat(type, component.getName()) && mentionsString(component.getGenericType())) {
                    stringly.add(type.getName() + "." + component.getName() + ": " + component.getGenericType());
                }
            }
        }
        assertThat(stringly).as("chat ids held as strings").isEmpty();
    }

    @Test
    void noSpiMethodTakesAChatIdAsAString() {
        var stringly = new ArrayList<String>();
        for (var type : SPI) {
            for (Method method : type.getDeclaredMethods()) {
                for (var parameter : method.getParameters()) {
                    assertThat(parameter.isNamePresent()).as("compiled with -parameters").isTrue();
                    if (CHAT_NAMES.contains(parameter.getName()) && mentionsString(parameter.getParameterizedType())) {
                        stringly.add(type.getSimpleName() + "." + method.getName() + "(" + parameter.getName() + ")");
                    }
                }
            }
        }
        assertThat(stringly).as("SPI parameters taking a chat id as a string").isEmpty();
    }

    private static boolean holdsAChat(Class<?> record, String name) {
        return CHAT_NAMES.contains(name) || name.equals("id") && ID_IS_A_CHAT.contains(record);
    }

    /** The engine package's records reachable from the SPI: parameters, returns, components, permitted kinds. */
    private static Set<Class<?>> reachableRecords() {
        var seen = new LinkedHashSet<Class<?>>();
        var todo = new ArrayDeque<Type>();
        for (var type : SPI) {
            for (Method method : type.getDeclaredMethods()) {
                todo.add(method.getGenericReturnType());
                todo.addAll(List.of(method.getGenericParameterTypes()));
            }
            todo.addAll(List.of(type.getDeclaredClasses()));
        }
        while (!todo.isEmpty()) {
            Type next = todo.poll();
            if (next instanceof ParameterizedType parameterized) {
                todo.add(parameterized.getRawType());
                todo.addAll(List.of(parameterized.getActualTypeArguments()));
                continue;
            }
            if (!(next instanceof Class<?> type) || !type.getPackageName().startsWith("io.wagate.engine")
                    || !seen.add(type)) {
                continue;
            }
            if (type.isSealed()) {
                todo.addAll(List.of(type.getPermittedSubclasses()));
            }
            if (type.isRecord()) {
                for (var component : type.getRecordComponents()) {
                    todo.add(component.getGenericType());
                }
            }
            todo.addAll(List.of(type.getDeclaredClasses()));
        }
        seen.removeIf(type -> !type.isRecord());
        return seen;
    }

    private static boolean mentionsString(Type type) {
        if (type == String.class) {
            return true;
        }
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (mentionsString(argument)) {
                    return true;
                }
            }
        }
        return false;
    }
}
