package io.palisade.core.chat;

import io.palisade.core.action.ActionKind;
import io.palisade.core.action.ActionStatus;
import io.palisade.core.audit.AuditLog;
import io.palisade.core.pipeline.AnalystVerdicts;
import io.palisade.core.verdict.VerdictCause;
import io.palisade.core.work.WorkSignal;
import io.palisade.detection.api.RiskLevel;
import io.palisade.detection.api.Signal;
import io.palisade.detection.api.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A chat message's life in core, as a mail item's: its files' scans become a verdict version (cause recorded), the
 * tenant's policy turns the verdict into a HIDE or UNHIDE action written in the same transaction (the outbox), and an
 * analyst can change the verdict or show the message again. Each call is one transaction, serialised per item by
 * locking its row.
 */
@Service
public class ChatLifecycle {

    /** Who asks for actions the policy decides. */
    public static final String POLICY = "policy";

    private static final Logger LOG = LoggerFactory.getLogger(ChatLifecycle.class);

    private final ChatItemStore items;
    private final ChatFileScans files;
    private final ChatVerdicts verdicts;
    private final ChatActions actions;
    private final ChatActionPolicy policy;
    private final AuditLog audit;
    private final WorkSignal workers;

    public ChatLifecycle(
            ChatItemStore items,
            ChatFileScans files,
            ChatVerdicts verdicts,
            ChatActions actions,
            ChatActionPolicy policy,
            AuditLog audit,
            WorkSignal workers) {
        this.items = items;
        this.files = files;
        this.verdicts = verdicts;
        this.actions = actions;
        this.policy = policy;
        this.audit = audit;
        this.workers = workers;
    }

    /**
     * Records one worked version of a chat message: the files scanned for it, then a verdict version when there is
     * something new to judge (the first files, or files added by an edit), and the actions the policy asks for.
     * Files recorded before are never judged again, so a repeated notification, a catch-up round and Palisade's own
     * hide (which modifies the message) change nothing.
     *
     * @param fresh the files scanned (or found unscannable) in this round, none recorded before
     * @return the new verdict version, empty when nothing new was judged or the message has no files
     */
    @Transactional
    public Optional<ChatVerdictVersion> record(ChatMessageFacts facts, List<FileScan> fresh) {
        Optional<ChatItem> known = items.find(facts.tenantId(), facts.chatId(), facts.messageId());
        if (known.isEmpty() && facts.files() == 0) {
            return Optional.empty();
        }
        ChatItem item = items.lockOrCreate(facts);
        List<FileScan> added = fresh.stream().filter(files::save).toList();
        Optional<ChatVerdictVersion> current = verdicts.current(item.tenantId(), item.id());
        int covered = files.ofMessage(item.tenantId(), item.chatId(), item.messageId())
                .size();
        items.worked(item, facts, covered);
        if (current.isPresent() && added.isEmpty()) {
            return Optional.empty();
        }
        Verdict verdict = current.isEmpty() ? firstVerdict(item, added) : editedVerdict(current.get(), added);
        ChatVerdictVersion version = verdicts.record(item, verdict, VerdictCause.SCAN, null);
        act(item, current.map(ChatVerdictVersion::level).orElse(null), version, POLICY);
        return Optional.of(version);
    }

    /**
     * Records an analyst's verdict on a chat item of the tenant, with an audit entry; a lowered verdict shows a
     * hidden message again when the policy releases on lowering, a raised one hides it.
     *
     * @param reason the analyst's words, may be empty, never null
     * @throws NoSuchElementException when the tenant has no such chat item
     */
    @Transactional
    public ChatVerdictVersion decide(UUID tenantId, UUID chatItemId, RiskLevel level, String analyst, String reason) {
        ChatItem item = require(tenantId, chatItemId);
        audit.record(tenantId, analyst, "verdict.set", item.auditTarget(), level + ": " + reason);
        RiskLevel previous = verdicts.current(tenantId, chatItemId)
                .map(ChatVerdictVersion::level)
                .orElse(null);
        ChatVerdictVersion version =
                verdicts.record(item, analystVerdict(level, reason), VerdictCause.ANALYST, analyst);
        act(item, previous, version, analyst);
        return version;
    }

    /**
     * Re-evaluates a chat item of the tenant (a new threat indicator it carries): {@code newVerdict} sees the current
     * version and returns the new verdict, or empty to leave the item as it is; the policy's actions follow. An
     * analyst's verdict stands against any other cause: such an item is left as it is.
     *
     * @param causedBy what caused it (the indicator's id)
     * @return the new version; empty when the item is gone, keeps an analyst's verdict, or {@code newVerdict} left it
     */
    @Transactional
    public Optional<ChatVerdictVersion> reevaluate(
            UUID tenantId,
            UUID chatItemId,
            Function<Optional<ChatVerdictVersion>, Optional<Verdict>> newVerdict,
            VerdictCause cause,
            String causedBy) {
        Optional<ChatItem> locked = items.lock(tenantId, chatItemId);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        ChatItem item = locked.get();
        Optional<ChatVerdictVersion> current = verdicts.current(tenantId, chatItemId);
        if (current.isPresent() && !cause.mayReplace(current.get().cause())) {
            LOG.info(
                    "event=chat_reevaluation_skipped tenant={} chat_item={} cause={} reason=analyst_verdict",
                    tenantId,
                    chatItemId,
                    cause);
            return Optional.empty();
        }
        Optional<Verdict> verdict = newVerdict.apply(current);
        if (verdict.isEmpty()) {
            return Optional.empty();
        }
        ChatVerdictVersion version = verdicts.record(item, verdict.get(), cause, causedBy);
        act(item, current.map(ChatVerdictVersion::level).orElse(null), version, POLICY);
        return Optional.of(version);
    }

    /**
     * Shows a hidden chat message to its readers again, whatever its verdict, with an audit entry.
     *
     * @return the UNHIDE action, empty when the message is not hidden and no hide is pending
     * @throws NoSuchElementException when the tenant has no such chat item
     */
    @Transactional
    public Optional<ChatAction> release(UUID tenantId, UUID chatItemId, String analyst, String reason) {
        ChatItem item = require(tenantId, chatItemId);
        audit.record(tenantId, analyst, "chat.release", item.auditTarget(), reason);
        if (!hiddenOrHiding(item)) {
            return Optional.empty();
        }
        ChatAction action = actions.add(item, null, ActionKind.UNHIDE, analyst);
        wakeAfterCommit();
        return Optional.of(action);
    }

    private ChatItem require(UUID tenantId, UUID chatItemId) {
        return items.lock(tenantId, chatItemId)
                .orElseThrow(() -> new NoSuchElementException("no chat item " + chatItemId + " in tenant " + tenantId));
    }

    /** Compares what the policy wants for the new level with what was last asked of the platform. */
    private void act(ChatItem item, RiskLevel previous, ChatVerdictVersion version, String requestedBy) {
        boolean hide = policy.hides(item.tenantId(), item.sender(), version.level());
        boolean hidden = hiddenOrHiding(item);
        boolean lowered = previous != null && version.level().compareTo(previous) < 0;
        if (hide && !hidden) {
            actions.add(item, version.id(), ActionKind.HIDE, requestedBy);
            wakeAfterCommit();
        } else if (!hide && hidden && lowered && policy.showsWhenLowered(item.tenantId())) {
            actions.add(item, version.id(), ActionKind.UNHIDE, requestedBy);
            wakeAfterCommit();
        }
    }

    /** What was last asked: the newest HIDE or UNHIDE that did not fail or turn out unneeded, else the item's state. */
    private boolean hiddenOrHiding(ChatItem item) {
        return actions.of(item.tenantId(), item.id()).reversed().stream()
                .filter(a -> a.status() != ActionStatus.FAILED && a.status() != ActionStatus.SKIPPED)
                .findFirst()
                .map(a -> a.kind() == ActionKind.HIDE)
                .orElse(item.hidden());
    }

    private Verdict firstVerdict(ChatItem item, List<FileScan> added) {
        List<Signal> signals = new ArrayList<>();
        RiskLevel level = RiskLevel.CLEAN;
        int score = 0;
        String engine = "none";
        for (FileScan scan : added) {
            if (scan.scanned()) {
                signals.addAll(inFile(scan));
                level = max(level, scan.verdict().level());
                score = Math.max(score, scan.verdict().score());
                engine = scan.verdict().engineVersion();
            }
        }
        // Files recorded by an earlier round that stopped before its verdict: judged from what was recorded.
        for (ChatFileScans.RecordedFile file : files.ofMessage(item.tenantId(), item.chatId(), item.messageId())) {
            if (added.stream().noneMatch(a -> a.file().fileRef().equals(file.fileRef()))
                    && file.result().scanned()) {
                level = max(level, file.result().level().orElseThrow());
                score = Math.max(score, file.result().score());
                file.result().signals().forEach(name -> signals.add(recorded(name, file.name())));
            }
        }
        return new Verdict(score, level, heaviestFirst(signals), engine);
    }

    /** An edit that added files: the verdict is raised by what they bring, never lowered by a clean addition. */
    private static Verdict editedVerdict(ChatVerdictVersion current, List<FileScan> added) {
        List<Signal> signals = new ArrayList<>(current.signals());
        RiskLevel level = current.level();
        int score = current.score();
        String engine = current.engineVersion();
        for (FileScan scan : added) {
            if (scan.scanned()) {
                signals.addAll(inFile(scan));
                level = max(level, scan.verdict().level());
                score = Math.max(score, scan.verdict().score());
                engine = scan.verdict().engineVersion();
            }
        }
        return new Verdict(score, level, heaviestFirst(signals), engine);
    }

    private static List<Signal> inFile(FileScan scan) {
        String where = "file " + scan.file().fileRef();
        return scan.verdict().signals().stream()
                .map(s -> new Signal(
                        s.name(),
                        s.group(),
                        s.weight(),
                        s.reason(),
                        s.evidence().isEmpty() ? where : s.evidence()))
                .toList();
    }

    private static Signal recorded(String name, String fileName) {
        return new Signal(name, "chat_file", 0, "Found when the file " + fileName + " was scanned", "");
    }

    private static List<Signal> heaviestFirst(List<Signal> signals) {
        return signals.stream()
                .sorted(Comparator.comparingDouble(Signal::weight).reversed())
                .toList();
    }

    private static RiskLevel max(RiskLevel a, RiskLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Verdict analystVerdict(RiskLevel level, String reason) {
        int score = switch (level) {
            case CLEAN -> 0;
            case LOW -> 20;
            case SUSPICIOUS -> 50;
            case HIGH -> 75;
            case MALICIOUS -> 100;
        };
        Signal signal =
                new Signal("ANALYST_DECISION", "analyst", score, "An analyst rated this chat message " + level, reason);
        return new Verdict(score, level, List.of(signal), AnalystVerdicts.ANALYST_ENGINE);
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    workers.wake();
                }
            });
        } else {
            workers.wake();
        }
    }
}
