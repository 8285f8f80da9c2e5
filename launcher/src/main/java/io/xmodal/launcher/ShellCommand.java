package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Workbench;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.gogo.command.Basic;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code xmodal shell}: an interactive console (Apache Felix Gogo) over one running framework. The
 * xmodal commands (plugins, features, validate, run, evaluate) take the same arguments as on the
 * command line; the standard framework commands of Gogo's {@code Basic} (lb, headers, inspect,
 * install, start, stop, update, uninstall, refresh, resolve, ...) sit beside them. Because the
 * framework stays up, the drop-in folder is watched for the whole session: a jar copied in shows
 * in the next {@code plugins} and is used by the next {@code run}.
 */
@Command(name = "shell",
        description = {"Open an interactive console (Apache Felix Gogo) on a running xmodal.",
            "%nCommands: plugins, features, validate, run, evaluate (as on the command line, e.g. run x.yaml --set train.epochs=2), "
                + "the framework commands lb, headers, inspect, install, start, stop, update, uninstall, refresh, resolve, "
                + "and exit. Drop-ins are watched for the whole session. Quote values with braces: --set 'model.decoder={use: dense}'."})
final class ShellCommand implements EngineCommand, FrameworkAware {
    /** The xmodal commands available in the shell. */
    static final List<String> COMMANDS = List.of("plugins", "features", "validate", "run", "evaluate", "study");
    static final String PROMPT = "xmodal> ";

    private final InputStream in;
    private BundleContext context;
    private Distribution dist;
    private Path dropins;

    ShellCommand() {
        this(System.in);
    }

    ShellCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public void attach(BundleContext context, Distribution dist, Path dropins) {
        this.context = context;
        this.dist = dist;
        this.dropins = dropins;
    }

    @Override
    public int execute(Workbench workbench, Console console, Map<String, String> host) throws DescriptorException {
        PrintStream out = console.out();
        CommandProcessorImpl processor = new CommandProcessorImpl();
        if (context != null) {
            processor.addCommand("felix", new Basic(context));
        }
        for (String name : COMMANDS) {
            Function f = (session, args) -> {
                dispatch(name, args, workbench, console, host);
                return null;
            };
            processor.addCommand("xmodal", f, name);
        }
        CommandSession session = processor.createSession(in, out, console.err());
        out.println("xmodal shell: " + String.join(", ", COMMANDS) + ", the framework commands (lb, headers, inspect, start, "
                + "stop, ...) and exit" + (dropins == null ? "" : "; drop-ins are watched in " + dropins));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            while (true) {
                out.print(PROMPT);
                out.flush();
                String line = reader.readLine();
                if (line == null) {
                    out.println();
                    break;
                }
                line = line.strip();
                if (line.equals("exit") || line.equals("quit")) {
                    break;
                }
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                try {
                    Object result = session.execute(line);
                    if (result != null) {
                        out.println(session.format(result, Converter.INSPECT));
                    }
                } catch (Exception e) {
                    console.error(e);
                }
                out.flush();
            }
        } catch (IOException e) {
            console.error(e);
            return 1;
        } finally {
            session.close();
            processor.stop();
        }
        return 0;
    }

    /** Runs one xmodal command as the command line would (its exit status is printed when not 0). */
    private void dispatch(String name, List<Object> args, Workbench workbench, Console console, Map<String, String> host) {
        List<String> argv = new ArrayList<>();
        argv.add(name);
        args.forEach(a -> argv.add(String.valueOf(a)));
        CommandLine cli = Cli.create();
        cli.setOut(new PrintWriter(console.out(), true));
        cli.setErr(new PrintWriter(console.err(), true));
        int status;
        try {
            ParseResult parsed = cli.parseArgs(argv.toArray(String[]::new));
            if (CommandLine.executeHelpRequest(parsed) != null) {
                return;
            }
            EngineCommand command = (EngineCommand) parsed.subcommand().commandSpec().userObject();
            String problem = command.precheck();
            if (problem != null) {
                console.err().println(name + ": " + problem);
                status = 2;
            } else {
                if (command instanceof FrameworkAware aware) {
                    aware.attach(context, dist, dropins);
                }
                status = command.execute(workbench, console, host);
            }
        } catch (ParameterException e) {
            console.err().println(name + ": " + e.getMessage());
            status = 2;
        } catch (DescriptorException e) {
            if (e.problems().isEmpty()) {
                console.err().println(e.getMessage());
            }
            e.problems().forEach(console::problem);
            status = 2;
        } catch (RuntimeException | LinkageError e) {
            console.error(e);
            status = 1;
        }
        if (status != 0) {
            console.err().println(name + ": exit status " + status);
        }
    }
}
