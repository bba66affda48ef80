package dev.envy.core.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatLineTest {

    @Test
    void fieldsAfterTheCommandNameEvenWhenItHoldsSpacesAndParentheses() {
        assertEquals(List.of("S", "1", "42", "42"), StatLine.fieldsAfterName("42 (sleep) S 1 42 42"));
        assertEquals(List.of("R", "7"), StatLine.fieldsAfterName("9 (a (b) c) R 7\n"));
        assertEquals(List.of(), StatLine.fieldsAfterName("9 no name"));
        assertEquals(List.of(), StatLine.fieldsAfterName("9 (name)"));
        assertEquals(List.of(), StatLine.fieldsAfterName(")9 ("));
    }
}
