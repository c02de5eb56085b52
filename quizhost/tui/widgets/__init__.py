"""Small widgets: each gets its data through a method or reactive and draws it."""
