/** On the module path, chainrule's core module brings the Vector API with it: no flag. */
module example {
    requires io.github.chainrule.nn;
    requires io.github.chainrule.autodiff;
}
