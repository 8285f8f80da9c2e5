package io.xmodal.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line: the {@code xmodal} command, its global options (accepted before or after the
 * subcommand) and its subcommands. Parsing it loads neither ND4J nor the framework.
 */
@Command(name = "xmodal",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = LauncherVersion.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        description = "Cross-modal deep-learning experiments: wires plugin components (OSGi bundles) into the models "
            + "a YAML descriptor describes, then trains, evaluates and records them.",
        subcommands = {RunCommand.class, ValidateCommand.class, StudyCommand.class, ReportCommand.class, PluginsCommand.class,
            FeaturesCommand.class, EvaluateCommand.class, RetrieveCommand.class, BenchCommand.class, DataCommand.class, DoctorCommand.class, ShellCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:the run failed (study: any of its runs), the engine could not start, or doctor found a problem",
            "2:usage or descriptor error, or a backend this machine cannot run (nothing was trained)"},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  JAVA_HOME         the Java (17+) to run, else java on PATH",
            "  XMODAL_JAVA_OPTS  extra JVM options, applied last, e.g. -Xmx8g",
            "  OMP_NUM_THREADS   the default of --threads",
            "  XMODAL_DROPINS    the default of --dropins",
            "  XMODAL_SIMULATE_GPU",
            "                    testing aid: act as if these NVIDIA GPUs were present:",
            "                    NAME:MAJOR.MINOR[;...] or none, for example",
            "                    \"NVIDIA H100 80GB HBM3:9.0\" (see docs/backends.md)"})
final class Cli {
    @Option(names = "--verbose", scope = ScopeType.INHERIT, order = 100,
            description = "Show ND4J, SameDiff, JavaCPP and Felix logging, the native build and its library, startup timings "
                + "and stack traces.")
    boolean verbose;

    @Option(names = "--threads", paramLabel = "N", scope = ScopeType.INHERIT, order = 101,
            converter = PositiveInt.class,
            description = "OpenMP/ND4J threads (default: OMP_NUM_THREADS, else the number of cores).")
    Integer threads;

    @Option(names = "--offheap", paramLabel = "SIZE", scope = ScopeType.INHERIT, order = 102,
            converter = SizeConverter.class,
            description = "Off-heap memory limit for ND4J arrays, e.g. 6g or 512m (default: half the machine's memory); "
                + "the limit on the whole process becomes SIZE + heap + 1g.")
    Long offheap;

    @Option(names = "--backend", paramLabel = "NAME", scope = ScopeType.INHERIT, order = 103, defaultValue = "cpu",
            converter = BackendName.Converter.class,
            description = "Compute backend: " + BackendName.CHOICES + ". A build this machine cannot run is refused "
                + "(exit status 2) before anything starts. Default: ${DEFAULT-VALUE}; see docs/backends.md.")
    BackendName backend;

    @Option(names = "--fallback", paramLabel = "NAME", scope = ScopeType.INHERIT, order = 104,
            converter = BackendName.CpuConverter.class,
            description = "The CPU backend to use when the --backend one cannot run here (e.g. --backend cuda --fallback cpu on "
                + "a GPU the CUDA build does not support); the switch is reported and recorded in provenance.json.")
    BackendName fallback;

    @Option(names = "--dropins", paramLabel = "DIR", scope = ScopeType.INHERIT, order = 104,
            description = "The drop-in folder to install bundles from and watch while xmodal runs "
                + "(default: XMODAL_DROPINS, else the distribution's dropins/).")
    java.nio.file.Path dropins;

    private Cli() {
    }

    /** A fresh command line (picocli instances hold parse state). */
    static CommandLine create() {
        CommandLine cl = new CommandLine(new Cli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** A whole number of at least 1. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new TypeConversionException("'" + value + "' is not a whole number of at least 1");
        }
    }

    /** A byte size such as 4g (see {@link Size}). */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Size.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code dotted.path=value}, as {@code --set} takes it. */
    static final class OverrideConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            int eq = value.indexOf('=');
            String key = eq < 0 ? "" : value.substring(0, eq).trim();
            if (key.isEmpty() || !key.matches("[A-Za-z0-9_.\\-\\[\\]]+")) {
                throw new TypeConversionException("'" + value + "' is not PATH=VALUE (for example train.epochs=5)");
            }
            return value;
        }
    }
}
