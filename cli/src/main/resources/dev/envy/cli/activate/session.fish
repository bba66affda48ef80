if status is-interactive
    printf '%s\n' @@PROFILE@@ | source
    set -g __envy_prompt_marker @@MARKER@@
    if not functions -q __envy_user_fish_prompt
        if functions -q fish_prompt
            functions -c fish_prompt __envy_user_fish_prompt
        else
            function __envy_user_fish_prompt
                printf '> '
            end
        end
        function __envy_status
            return $argv[1]
        end
        function fish_prompt
            set -l last $status
            printf '%s' $__envy_prompt_marker
            __envy_status $last
            __envy_user_fish_prompt
        end
    end
end
