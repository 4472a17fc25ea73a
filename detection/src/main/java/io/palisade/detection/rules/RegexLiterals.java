package io.palisade.detection.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import java.util.Optional;

/**
 * Checks the constant patterns of a condition's {@code matches} calls at load. CEL compiles a pattern only when the
 * call runs, so without this check a broken pattern behind a rarely true test would fail on live mail instead.
 */
final class RegexLiterals {

    private RegexLiterals() {}

    /** The first invalid pattern: where it is in the condition and what is wrong with it; empty when all compile. */
    static Optional<Problem> firstInvalid(CelAbstractSyntaxTree ast) {
        return CelNavigableAst.fromAst(ast)
                .getRoot()
                .allNodes()
                .map(CelNavigableExpr::expr)
                .filter(expr -> expr.getKind() == CelExpr.ExprKind.Kind.CALL)
                .filter(expr -> expr.call().function().equals("matches"))
                .map(expr -> check(ast, expr))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<Problem> check(CelAbstractSyntaxTree ast, CelExpr call) {
        var args = call.call().args();
        if (args.isEmpty()) {
            return Optional.empty();
        }
        CelExpr pattern = args.getLast();
        if (pattern.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                || pattern.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
            return Optional.empty();
        }
        try {
            Pattern.compile(pattern.constant().stringValue());
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            Integer offset = ast.getSource().getPositionsMap().get(pattern.id());
            CelSourceLocation location = offset == null
                    ? CelSourceLocation.NONE
                    : ast.getSource().getOffsetLocation(offset).orElse(CelSourceLocation.NONE);
            return Optional.of(new Problem(location, e.getDescription() + " in pattern " + e.getPattern()));
        }
    }

    /** An invalid pattern: its place in the condition and the pattern library's complaint. */
    record Problem(CelSourceLocation location, String message) {}
}
