package dev.vforkcheck.frontend;

import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.IScope;
import org.eclipse.cdt.core.dom.parser.IBuiltinBindingsProvider;
import org.eclipse.cdt.core.dom.parser.c.GCCParserExtensionConfiguration;

/**
 * CDT's GNU C dialect without what only name resolution uses: the two hundred GCC builtin functions
 * CDT declares in every translation unit's scope. The analyzer resolves no call by binding (only
 * enumerators), so each parse skips building them.
 */
final class GnuC extends GCCParserExtensionConfiguration {
  private static final IBuiltinBindingsProvider NO_BUILTINS =
      new IBuiltinBindingsProvider() {
        private final IBuiltinBindingsProvider gcc =
            GCCParserExtensionConfiguration.getInstance().getBuiltinBindingsProvider();

        @Override
        public IBinding[] getBuiltinBindings(IScope scope) {
          return new IBinding[0];
        }

        @Override
        public boolean isKnownBuiltin(char[] name) {
          return gcc.isKnownBuiltin(name);
        }
      };

  GnuC() {}

  @Override
  public IBuiltinBindingsProvider getBuiltinBindingsProvider() {
    return NO_BUILTINS;
  }
}
