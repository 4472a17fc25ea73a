package io.palisade.detection.rules;

import dev.cel.common.CelOptions;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelStandardFunctions;

/** The CEL compiler and runtime for rule conditions: the model's variables, the strings extension and cel.bind. */
final class CelEnvironment {

    /** A bound on loop iterations per comprehension, so that no rule can run away on a large message. */
    private static final int MAX_ITERATIONS = 100_000;

    private static final CelOptions OPTIONS =
            CelOptions.current().comprehensionMaxIterations(MAX_ITERATIONS).build();

    static final CelCompiler COMPILER = compiler();

    static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addLibraries(CelExtensions.strings())
            // matches with compiled patterns kept, in place of the standard one that compiles on every call.
            .setStandardEnvironmentEnabled(false)
            .setStandardFunctions(CelStandardFunctions.newBuilder()
                    .excludeFunctions(CelStandardFunctions.StandardFunction.MATCHES)
                    .build())
            .addFunctionBindings(CachedPatterns.bindings())
            .build();

    private CelEnvironment() {}

    private static CelCompiler compiler() {
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings(), CelExtensions.bindings());
        CelMessageModel.VARIABLES.forEach(builder::addVar);
        return builder.build();
    }
}
