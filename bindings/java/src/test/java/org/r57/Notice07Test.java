package org.r57;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests on a fresh in-memory database holding notice 07 and the catalogue ({@link Fixtures#notice07}). */
abstract class Notice07Test {
    Database db;

    @BeforeEach
    void openNotice07() {
        db = Fixtures.notice07();
    }

    @AfterEach
    void closeNotice07() {
        db.close();
    }
}
