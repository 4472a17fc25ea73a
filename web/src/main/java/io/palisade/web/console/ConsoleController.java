package io.palisade.web.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's start page: the newest messages and their verdicts. */
@Controller
public class ConsoleController {

    private static final int LIMIT = 100;

    private final RecentMessages recent;

    public ConsoleController(RecentMessages recent) {
        this.recent = recent;
    }

    @GetMapping("/")
    public String index(Model model) {
        model.addAttribute("rows", recent.newest(LIMIT));
        return "index";
    }
}
