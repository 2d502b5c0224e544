/** Small helpers every floor may use: safe printing, private user files, bounded line reading, SHA-256. */
package dev.ladder.support;
