package io.couchgate.domain;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.SpoofChecker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The confusable rules of {@link Username}, from Unicode Technical Standard #39 (Unicode Security Mechanisms) as
 * ICU's {@link SpoofChecker} implements it. A name that is not plain ASCII must
 * <ul>
 *   <li>be "highly restrictive" (UTS #39, section 5.2): one script, or Latin with Han and Hiragana/Katakana,
 *       Bopomofo or Hangul; never Latin with Cyrillic or Greek ({@code pаypal} with a Cyrillic {@code а});</li>
 *   <li>take its digits from one number system (section 5.3, mixed numbers);</li>
 *   <li>not repeat a combining mark on one letter (section 5.4, invisible);</li>
 *   <li>not look like a plain ASCII name (its confusable skeleton, section 4, is not ASCII): {@code сосо} in
 *       Cyrillic would pass for {@code coco}, {@code ɑlice} (Latin alpha) for {@code alice}. Every account made
 *       before non-ASCII names were allowed has an ASCII name, so none of them can be imitated this way.</li>
 * </ul>
 */
final class UsernameScripts {

    private static final SpoofChecker CHECKER = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS | SpoofChecker.INVISIBLE)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            .build();

    private UsernameScripts() {
    }

    /**
     * @param name a name already mapped by PRECIS
     * @throws InvalidUsernameException naming the rule broken
     */
    static void requireUnconfusable(String name) {
        if (isAscii(name)) {
            return;
        }
        SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
        CHECKER.failsChecks(name, result); // thread-safe once built (ICU's SpoofChecker docs)
        if ((result.checks & SpoofChecker.RESTRICTION_LEVEL) != 0) {
            throw new InvalidUsernameException("usernames may not mix scripts" + scriptsOf(name));
        }
        if ((result.checks & SpoofChecker.MIXED_NUMBERS) != 0) {
            throw new InvalidUsernameException("usernames may not mix digits of different number systems");
        }
        if ((result.checks & SpoofChecker.INVISIBLE) != 0) {
            throw new InvalidUsernameException("usernames may not repeat a combining mark on one letter");
        }
        String skeleton = skeleton(name);
        if (isAscii(skeleton)) {
            throw new InvalidUsernameException("usernames may not look like a name in plain Latin letters ("
                    + name + " looks like " + skeleton + ")");
        }
    }

    /**
     * @param name a name
     * @return its UTS #39 skeleton: two names with the same skeleton look alike (such as {@code adrnin} and
     *         {@code admin}, {@code rn} and {@code m})
     */
    static String skeleton(String name) {
        return CHECKER.getSkeleton(name);
    }

    private static String scriptsOf(String name) {
        Set<String> scripts = new LinkedHashSet<>();
        name.codePoints().map(UScript::getScript)
                .filter(s -> s != UScript.COMMON && s != UScript.INHERITED && s != UScript.UNKNOWN)
                .forEach(s -> scripts.add(UScript.getName(s)));
        if (scripts.size() < 2) {
            return "";
        }
        List<String> names = new ArrayList<>(scripts);
        String last = names.remove(names.size() - 1);
        return " (" + String.join(", ", names) + " and " + last + ")";
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
