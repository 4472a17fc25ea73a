package io.palisade.simulator.traffic.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A seeded source of choices. Two dice made from the same numbers give the same choices in the same order. */
public final class Dice {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SplittableRandom random;

    private Dice(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Dice for one purpose ({@code salt}) of one item ({@code index}) of the stream made from {@code seed}. */
    public static Dice of(long seed, long index, long salt) {
        return new Dice(mix(mix(seed ^ 0x9E3779B97F4A7C15L * (salt + 1)) + index));
    }

    /** A well-spread 64-bit hash of {@code value} (the SplitMix64 finaliser). */
    public static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** A number from {@code low} to {@code high}, both included. */
    public int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    public double fraction() {
        return random.nextDouble();
    }

    public long nextLong() {
        return random.nextLong();
    }

    @SafeVarargs
    public final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    public <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** {@code count} distinct elements of {@code options} in a random order (all of them when fewer). */
    public <T> List<T> sample(List<T> options, int count) {
        List<T> pool = new ArrayList<>(options);
        int n = Math.min(count, pool.size());
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(pool.size() - i);
            T swap = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, swap);
        }
        return List.copyOf(pool.subList(0, n));
    }

    public String hex(int length) {
        return chars(HEX, length);
    }

    public String alphanumeric(int length) {
        return chars(ALNUM, length);
    }

    public String digits(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('0' + random.nextInt(i == 0 ? 9 : 10) + (i == 0 ? 1 : 0)));
        }
        return out.toString();
    }

    private String chars(char[] alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return out.toString();
    }
}
