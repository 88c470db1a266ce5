/**
 * `pixdrop completion bash|zsh|fish`: completion scripts generated from the commander program
 * itself, so a new command or flag is completed the moment it exists.
 */
import type { Command, Option } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface CommandSpec {
  name: string;
  description: string;
  options: { flag: string; description: string; takesValue: boolean; choices: string[] }[];
  /** Choices of the first argument when it has any (e.g. completion's shell), else []. */
  argumentChoices: string[];
  takesPaths: boolean;
}

const visible = (o: Option) => !o.hidden && Boolean(o.long);

function describe(program: Command): { commands: CommandSpec[]; global: string[] } {
  const commands = program.commands.map((c) => {
    const first = c.registeredArguments[0];
    return {
      name: c.name(),
      description: c.description(),
      options: [
        ...c.options
          .filter(visible)
          .map((o) => ({ flag: o.long as string, description: o.description, takesValue: o.required || o.optional, choices: o.argChoices ?? [] })),
        { flag: '--help', description: 'show help', takesValue: false, choices: [] },
      ],
      argumentChoices: first?.argChoices ?? [],
      takesPaths: Boolean(first && !first.argChoices && /path|folder/i.test(first.name())),
    };
  });
  return { commands, global: [...program.options.filter(visible).map((o) => o.long as string), '--help'] };
}

function bash(program: Command): string {
  const { commands, global } = describe(program);
  const cases = commands.map((c) => {
    const valued = c.options.filter((o) => o.takesValue);
    const valueCases = valued
      .map((o) => `        ${o.flag}) ${o.choices.length ? `COMPREPLY=( $(compgen -W "${o.choices.join(' ')}" -- "$cur") )` : 'COMPREPLY=()'}; return ;;`)
      .join('\n');
    const words = c.argumentChoices.length ? c.argumentChoices.join(' ') : '';
    return [
      `    ${c.name})`,
      valued.length ? `      case "$prev" in\n${valueCases}\n      esac` : '',
      `      if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "${c.options.map((o) => o.flag).join(' ')}" -- "$cur") )`,
      words
        ? `      else COMPREPLY=( $(compgen -W "${words}" -- "$cur") ); fi`
        : c.takesPaths
          ? '      else COMPREPLY=( $(compgen -f -- "$cur") ); fi'
          : '      fi',
      '      ;;',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return `# pixdrop completion for bash: eval "$(pixdrop completion bash)" (e.g. in ~/.bashrc)
_pixdrop() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=( $(compgen -W "${commands.map((c) => c.name).join(' ')} ${global.join(' ')}" -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
  esac
}
complete -o filenames -o bashdefault -F _pixdrop pixdrop
`;
}

/** zsh's _arguments spec texts: brackets and colons end fields, so they are replaced or escaped. */
const zshText = (text: string) => text.replace(/\[/g, '(').replace(/\]/g, ')').replace(/:/g, '\\:').replace(/'/g, "'\\''");

function zsh(program: Command): string {
  const { commands } = describe(program);
  const list = commands.map((c) => `    '${c.name}:${zshText(c.description)}'`).join('\n');
  const cases = commands.map((c) => {
    const specs = c.options.map((o) => {
      const value = o.takesValue ? `:${o.flag.slice(2)}:${o.choices.length ? `(${o.choices.join(' ')})` : ' '}` : '';
      return `'${o.flag}[${zshText(o.description)}]${value}'`;
    });
    if (c.argumentChoices.length) specs.push(`'1:${c.name}:(${c.argumentChoices.join(' ')})'`);
    else if (c.takesPaths) specs.push("'*:path:_files'");
    return `    ${c.name}) _arguments -s ${specs.join(' ')} ;;`;
  });
  return `#compdef pixdrop
# pixdrop completion for zsh: pixdrop completion zsh > "\${fpath[1]}/_pixdrop", or source <(pixdrop completion zsh)
_pixdrop() {
  local -a commands
  commands=(
${list}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'pixdrop command' commands
    return
  fi
  local cmd="$words[2]"
  shift words
  (( CURRENT-- ))
  case "$cmd" in
${cases.join('\n')}
  esac
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  _pixdrop "$@"
else
  compdef _pixdrop pixdrop
fi
`;
}

const fishText = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fish(program: Command): string {
  const { commands } = describe(program);
  const lines = ['# pixdrop completion for fish: pixdrop completion fish > ~/.config/fish/completions/pixdrop.fish', 'complete -c pixdrop -f'];
  lines.push('complete -c pixdrop -n __fish_use_subcommand -l version -d "print the version"');
  for (const c of commands) {
    lines.push(`complete -c pixdrop -n __fish_use_subcommand -a ${c.name} -d ${fishText(c.description)}`);
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    for (const o of c.options) {
      const value = o.takesValue ? (o.choices.length ? ` -x -a ${fishText(o.choices.join(' '))}` : ' -x') : '';
      lines.push(`complete -c pixdrop ${when} -l ${o.flag.slice(2)}${value} -d ${fishText(o.description)}`);
    }
    if (c.argumentChoices.length) lines.push(`complete -c pixdrop ${when} -a ${fishText(c.argumentChoices.join(' '))}`);
    else if (c.takesPaths) lines.push(`complete -c pixdrop ${when} -F`);
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, program: Command): string {
  return { bash, zsh, fish }[shell](program);
}
