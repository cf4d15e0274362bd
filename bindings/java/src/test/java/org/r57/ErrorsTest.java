package org.r57;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every result code becomes its exception, with the library's code, message, line and column. */
class ErrorsTest extends Notice07Test {
    @TempDir
    Path tmp;


    @Test
    void eachCodeMapsToItsExceptionClass() {
        Map<ErrorCode, Class<? extends R57Exception>> expected = Map.ofEntries(
                Map.entry(ErrorCode.ERROR, R57Exception.class),
                Map.entry(ErrorCode.NOMEM, R57Exception.class),
                Map.entry(ErrorCode.INVAL, InvalidInputException.class),
                Map.entry(ErrorCode.NOTFOUND, NotFoundException.class),
                Map.entry(ErrorCode.EXISTS, AlreadyExistsException.class),
                Map.entry(ErrorCode.PERM, PermissionDeniedException.class),
                Map.entry(ErrorCode.CONFLICT, InvalidInputException.class),
                Map.entry(ErrorCode.PARSE, ParseException.class),
                Map.entry(ErrorCode.IO, StorageException.class),
                Map.entry(ErrorCode.NOTDB, StorageException.class),
                Map.entry(ErrorCode.VERSION, StorageException.class),
                Map.entry(ErrorCode.READONLY, StorageException.class),
                Map.entry(ErrorCode.STATE, StateException.class),
                Map.entry(ErrorCode.CYCLE, InvalidInputException.class),
                Map.entry(ErrorCode.BUSY, StorageException.class),
                Map.entry(ErrorCode.USER, R57Exception.class));
        assertEquals(ErrorCode.values().length, expected.size());
        for (ErrorCode c : ErrorCode.values()) {
            R57Exception e = R57Exception.create(c.code(), "m", 0, 0, -1, 0);
            assertEquals(expected.get(c), e.getClass(), c.name());
            assertEquals(c, e.error());
            assertEquals(c == ErrorCode.ERROR ? "R57_ERROR" : "R57_E" + c.name(), e.errorName());
            assertTrue(e instanceof RuntimeException);
        }
        assertEquals("R57_ERROR", ErrorCode.ERROR.cName());
        assertEquals(-4, ErrorCode.NOTFOUND.code());
        assertEquals("out of memory", ErrorCode.NOMEM.description());
    }

    @Test
    void notFoundNamesTheInput() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> db.unit("ATLANTIS"));
        assertEquals("unknown unit code 'ATLANTIS'", e.getMessage());
        assertEquals("R57_ENOTFOUND", e.errorName());
        assertEquals(-4, e.code());
        assertEquals("org.r57.NotFoundException: unknown unit code 'ATLANTIS' (R57_ENOTFOUND)", e.toString());
    }

    @Test
    void aDeadlineThatIsNoDateIsAParseError() {
        R57Exception e = assertThrows(InvalidInputException.class,
                () -> db.createTask(TaskSpec.of(Fixtures.DOC, "Z.1").deadline("next week")));
        assertEquals("task 'Z.1': deadline 'next week' is not a date, month, quarter or year", e.getMessage());
        assertThrows(NotFoundException.class, () -> db.task(Fixtures.DOC, "Z.1")); // nothing stored
    }

    @Test
    void jsonErrorsCarryLineAndColumn() {
        R57Exception e = assertThrows(InvalidInputException.class, () -> db.importJson(
                "{\"format\":\"libr57\",\"version\":1,\"units\":[{\"code\":\"X\",\"name\":1,\"kind\":\"other\"}]}"));
        assertEquals("line 1, column 60: /units/0/name: \"name\" must be a string", e.getMessage());
        assertEquals(1, e.line());
        assertEquals(60, e.column());
        ParseException p = assertThrows(ParseException.class, () -> db.importJson("{\"format\": \"libr57\",\n  oops"));
        assertEquals(ErrorCode.PARSE, p.error());
        assertEquals(2, p.line());
        assertTrue(p.column() > 0);
        assertTrue(p.offset() > 0);
    }

    @Test
    void aFormulaThatDoesNotCompileIsAParseError() {
        ParseException e = assertThrows(ParseException.class, () -> Formula.compile("#{a} +"));
        assertEquals(ErrorCode.PARSE, e.error());
        assertTrue(e.column() > 0);
    }

    @Test
    void anInvalidArgumentIsInvalidInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> db.createUnit("", "nameless", UnitKind.OTHER, null));
        assertEquals(ErrorCode.INVAL, e.error());
        assertThrows(InvalidInputException.class, () -> TaskStatus.parse("finished"));
        assertEquals(TaskStatus.IN_PROGRESS, TaskStatus.parse("in_progress"));
    }

    @Test
    void aTakenKeyAlreadyExists() {
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class,
                () -> db.createUnit("VN", "again", UnitKind.NATION, null));
        assertEquals(ErrorCode.EXISTS, e.error());
        assertInstanceOf(InvalidInputException.class, e);
    }

    @Test
    void aForbiddenTransitionIsAStateError() {
        StateException e = assertThrows(StateException.class,
                () -> db.setStatus(db.task(Fixtures.DOC, "III.8"), TaskStatus.DONE, null));
        assertEquals(ErrorCode.STATE, e.error());
    }

    @Test
    void indicatorsInACycleAreACycleError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> db.importJson(
                "{\"format\":\"libr57\",\"version\":1,\"indicators\":["
                        + "{\"code\":\"a\",\"name\":\"A\",\"formula\":\"I{b} + 1\"},"
                        + "{\"code\":\"b\",\"name\":\"B\",\"formula\":\"I{a} * 2\"}]}"));
        assertEquals(ErrorCode.CYCLE, e.error(), e.getMessage());
    }

    @Test
    void aNewerFormatVersionIsRefused() {
        StorageException e = assertThrows(StorageException.class,
                () -> db.importJson("{\"format\":\"libr57\",\"version\":99}"));
        assertEquals(ErrorCode.VERSION, e.error());
    }

    @Test
    void aMissingFileIsAnIoError() {
        StorageException e = assertThrows(StorageException.class,
                () -> db.importCsv(tmp.resolve("missing.csv"), ImportOptions.defaults()));
        assertEquals(ErrorCode.IO, e.error());
    }

    @Test
    void aFileThatIsNoDatabaseIsRefused() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.r57"), "these are notes, not a database\n".repeat(100));
        StorageException e = assertThrows(StorageException.class, () -> Database.open(text.toString()));
        assertEquals(ErrorCode.NOTDB, e.error());
        assertEquals("these are notes, not a database\n".repeat(100), Files.readString(text));
    }

    @Test
    void aReadOnlyDatabaseRefusesChanges() {
        Path file = tmp.resolve("ro.r57");
        try (Database w = Database.open(file.toString())) {
            w.createUnit("VN", "Viet Nam", UnitKind.NATION, null);
        }
        try (Database r = Database.open(file.toString(), "reader", true, true)) {
            assertEquals("Viet Nam", r.unit("VN").name());
            StorageException e = assertThrows(StorageException.class,
                    () -> r.createUnit("X", "x", UnitKind.OTHER, null));
            assertEquals(ErrorCode.READONLY, e.error());
        }
    }

    @Test
    void mustExistRefusesAMissingFile() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> Database.open(tmp.resolve("nothing.r57").toString(), "x", false, true));
        assertEquals(ErrorCode.NOTFOUND, e.error());
    }

    @Test
    void aNulCharacterIsRefusedBeforeTheLibrarySeesIt() {
        assertThrows(InvalidInputException.class, () -> db.unit("V\0N"));
    }
}
