package fr.bdfsync.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubcommandsTest {
    @Test
    void namesAreThoseOfTheCommandAnnotations() {
        List<String> annotated = Subcommands.all().stream()
                .map(c -> c.getClass().getAnnotation(CommandLine.Command.class).name()).toList();
        assertEquals(annotated, Subcommands.names());
    }

    @Test
    void aNamedSubcommandIsBuiltAloneAndEverythingElseGetsAll() {
        for (String name : Subcommands.names()) {
            List<Object> one = Subcommands.forArguments(new String[]{name, "--help"});
            assertEquals(1, one.size(), name);
            assertEquals(name, one.get(0).getClass().getAnnotation(CommandLine.Command.class).name());
        }
        int all = Subcommands.names().size();
        assertEquals(all, Subcommands.forArguments(new String[]{}).size());
        assertEquals(all, Subcommands.forArguments(new String[]{"--help"}).size());
        assertEquals(all, Subcommands.forArguments(new String[]{"help", "diff"}).size());
        assertEquals(all, Subcommands.forArguments(new String[]{"dif"}).size());
    }

    @Test
    void usageStillListsEveryCommandAndAMistypedOneIsAUsageError() {
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.code());
        for (String name : Subcommands.names()) assertTrue(help.out().contains(name), name + " in\n" + help.out());
        CliRun typo = CliRun.of("dif", "a", "b");
        assertEquals(2, typo.code(), typo.err());
        CliRun sub = CliRun.of("diff", "--help");
        assertEquals(0, sub.code());
        assertTrue(sub.out().contains("--ancestor"), sub.out());
    }
}
